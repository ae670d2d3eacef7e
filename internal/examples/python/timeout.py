# A slow task under a deadline: wait_for cancels it when time is up.
import asyncio

timeout = 1  # seconds main is willing to wait
work = 3  # seconds the slow task needs


async def slow() -> None:
    print("slow started")
    await asyncio.sleep(work)  # cancelled here when the deadline passes
    print("slow finished")


async def main() -> None:
    try:
        await asyncio.wait_for(slow(), timeout=timeout)
        print("slow finished in time")
    except TimeoutError:
        print("timed out")


asyncio.run(main())

# A 3-second job under a 1-second deadline: cancelled after 1 second.
import asyncio


async def slow(work: float) -> None:
    print("slow started")
    await asyncio.sleep(work)  # cancelled here when the deadline passes
    print("slow finished")


async def main() -> None:
    try:
        await asyncio.wait_for(slow(3), timeout=1)
        print("slow finished in time")
    except TimeoutError:
        print("timed out")


asyncio.run(main())

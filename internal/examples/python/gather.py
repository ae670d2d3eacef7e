# Three tasks at once; gather hands back their results in the order given.
import asyncio

delay1 = 2  # seconds func1 sleeps
delay2 = 3  # seconds func2 sleeps
delay3 = 1  # seconds func3 sleeps
fail = None  # or (n, seconds): funcN raises after that long instead


async def work(n: int, delay: float) -> str:
    print(f"func{n} started")
    if fail is not None and fail[0] == n:
        await asyncio.sleep(fail[1])
        raise RuntimeError(f"func{n} failed")
    await asyncio.sleep(delay)
    print(f"func{n} done")
    return f"result{n}"


async def main() -> None:
    tasks = [
        asyncio.create_task(work(n, delay), name=f"func{n}")
        for n, delay in enumerate([delay1, delay2, delay3], start=1)
    ]
    try:
        results = await asyncio.gather(*tasks)
    except RuntimeError as err:
        # gather passes on the first error; the other tasks keep running
        # until asyncio.run cancels them as it closes the loop.
        print(f"gather failed: {err}")
        return
    print("results:", results)


asyncio.run(main())

# Three coroutines at once; results come back in the order they were passed.
import asyncio


async def work(n: int, delay: float) -> str:
    print(f"func{n} started")
    await asyncio.sleep(delay)
    print(f"func{n} done")
    return f"result{n}"


async def main() -> None:
    results = await asyncio.gather(work(1, 2), work(2, 3), work(3, 1))
    print("results:", results)  # ['result1', 'result2', 'result3'] after 3 s


asyncio.run(main())

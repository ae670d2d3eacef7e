# Many requests, only a few in flight at once: rounds of two, 3 seconds.
import asyncio

requests = 6  # how many requests to send
limit = 2  # how many may be in flight at once
latency = 1  # seconds each request takes


async def fetch(name: str, slots: asyncio.Semaphore) -> None:
    async with slots:  # wait for a free slot; waiters are served in order
        print(f"{name} start")
        await asyncio.sleep(latency)  # stands in for the network round trip
        print(f"{name} done")


async def main() -> None:
    slots = asyncio.Semaphore(limit)  # be gentle with a small website
    tasks = [
        asyncio.create_task(fetch(f"req{n}", slots), name=f"req{n}")
        for n in range(1, requests + 1)
    ]
    await asyncio.gather(*tasks)


asyncio.run(main())

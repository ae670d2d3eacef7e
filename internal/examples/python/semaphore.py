# Six requests, at most two in flight: three rounds, 3 seconds.
import asyncio


async def fetch(n: int, slots: asyncio.Semaphore) -> None:
    async with slots:  # queue for a slot; waiters are served in order
        print(f"req{n} start")
        await asyncio.sleep(1)  # stands in for the network round trip
        print(f"req{n} done")


async def main() -> None:
    slots = asyncio.Semaphore(2)  # be gentle with a small website
    await asyncio.gather(*(fetch(n, slots) for n in range(1, 7)))


asyncio.run(main())

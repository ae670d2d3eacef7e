# A producer and a consumer that only share a bounded queue: 4.5 seconds.
import asyncio


async def producer(q: asyncio.Queue, items: int, interval: float) -> None:
    for i in range(1, items + 1):
        await asyncio.sleep(interval)
        await q.put(f"item{i}")  # waits while the queue is full
        print(f"put item{i}")
    await q.put(None)  # the end marker (3.13 adds q.shutdown())


async def consumer(q: asyncio.Queue, work: float) -> None:
    while (item := await q.get()) is not None:  # waits while it is empty
        print(f"got {item}")
        await asyncio.sleep(work)
        print(f"done {item}")


async def main() -> None:
    q: asyncio.Queue = asyncio.Queue(maxsize=2)
    await asyncio.gather(producer(q, 4, 0.5), consumer(q, 1))


asyncio.run(main())

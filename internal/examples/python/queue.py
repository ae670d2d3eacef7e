# A producer and a consumer that share only a bounded queue: 4.5 seconds.
import asyncio

items = 4  # how many items the producer makes
interval = 0.5  # seconds to make each item
capacity = 2  # items the queue holds; a full queue blocks the producer
work = 1  # seconds the consumer spends on each item


async def producer(q: asyncio.Queue) -> None:
    for i in range(1, items + 1):
        await asyncio.sleep(interval)
        await q.put(f"item{i}")  # waits while the queue is full
        print(f"put item{i}")
    await q.put(None)  # the end marker: nothing more is coming


async def consumer(q: asyncio.Queue) -> None:
    while (item := await q.get()) is not None:  # waits while it is empty
        print(f"got {item}")
        await asyncio.sleep(work)
        print(f"done {item}")


async def main() -> None:
    q: asyncio.Queue = asyncio.Queue(maxsize=capacity)
    await asyncio.gather(producer(q), consumer(q))


asyncio.run(main())

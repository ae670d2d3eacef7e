# Two tasks run side by side and main joins both: the sleeps overlap, 1 second.
import asyncio

delay1 = 1  # seconds say1 sleeps before it prints
delay2 = 1  # seconds say2 sleeps before it prints


async def say(delay: float, message: str) -> None:
    await asyncio.sleep(delay)
    print(message)


async def main() -> None:
    print("start")
    # create_task schedules each coroutine at once, like starting a goroutine.
    t1 = asyncio.create_task(say(delay1, "hello from say1"), name="say1")
    t2 = asyncio.create_task(say(delay2, "hello from say2"), name="say2")
    await t1  # the join: like wg.Wait(), one task at a time
    await t2
    print("exit")


asyncio.run(main())

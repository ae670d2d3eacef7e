# Awaiting a coroutine runs it to its end before the caller goes on: 5 seconds.
import asyncio

step = 1  # seconds of sleep after each printed line


async def inner() -> None:
    print("two")
    await asyncio.sleep(step)
    print("three")
    await asyncio.sleep(step)


async def outer() -> None:
    print("one")
    await asyncio.sleep(step)
    await inner()  # no new task: outer is paused here until inner returns
    print("four")
    await asyncio.sleep(step)
    print("five")
    await asyncio.sleep(step)


asyncio.run(outer())

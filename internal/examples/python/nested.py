# Awaiting a coroutine runs it to its end before the caller goes on: 5 seconds.
import asyncio


async def inner(step: float) -> None:
    print("two")
    await asyncio.sleep(step)
    print("three")
    await asyncio.sleep(step)


async def outer(step: float = 1) -> None:
    print("one")
    await asyncio.sleep(step)
    await inner(step)  # outer is paused here until inner returns
    print("four")
    await asyncio.sleep(step)
    print("five")
    await asyncio.sleep(step)


asyncio.run(outer())

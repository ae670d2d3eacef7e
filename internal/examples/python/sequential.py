# Awaiting one coroutine after the other: the sleeps add up, 2 seconds in all.
import asyncio

delay1 = 1  # seconds say1 sleeps before it prints
delay2 = 1  # seconds say2 sleeps before it prints


async def say1() -> None:
    await asyncio.sleep(delay1)
    print("hello from say1")


async def say2() -> None:
    await asyncio.sleep(delay2)
    print("hello from say2")


async def main() -> None:
    print("start")
    await say1()  # main goes no further until say1 has returned
    await say2()
    print("exit")


asyncio.run(main())

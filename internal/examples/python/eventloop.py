# One thread, one event loop, two tasks taking turns: about 1 second in all.
import asyncio

delay1 = 1  # seconds say1 awaits a sleep before it prints
delay2 = 1  # seconds say2 awaits a sleep before it prints


async def say(delay: float, message: str) -> None:
    await asyncio.sleep(delay)  # hand the loop back until the timer fires
    print(message)


async def main() -> None:
    t1 = asyncio.create_task(say(delay1, "hello from say1"), name="say1")
    t2 = asyncio.create_task(say(delay2, "hello from say2"), name="say2")
    await asyncio.gather(t1, t2)


print("start")
asyncio.run(main())  # runs the loop until main is done, then closes it
print("exit")

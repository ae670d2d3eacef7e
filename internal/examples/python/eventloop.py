# One thread, one event loop, two coroutines: about 1 second in all.
import asyncio


async def say(name: str, delay: float) -> None:
    await asyncio.sleep(delay)  # hand the loop back until the timer fires
    print(f"hello from {name}")


async def main() -> None:
    await asyncio.gather(say("say1", 1), say("say2", 1))


print("start")
asyncio.run(main())
print("exit")

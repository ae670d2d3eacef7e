# Blocking calls, one after the other: about 2 seconds in all.
import time


def say(name: str, delay: float) -> None:
    time.sleep(delay)  # nothing else can run meanwhile
    print(f"hello from {name}")


def main() -> None:
    print("start")
    say("say1", 1)
    say("say2", 1)
    print("exit")


main()

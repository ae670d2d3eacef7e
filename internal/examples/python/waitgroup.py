# Two threads, then a join on both: about 1 second in all.
import threading
import time


def say(name: str, delay: float) -> None:
    time.sleep(delay)
    print(f"hello from {name}")


print("start")
workers = [
    threading.Thread(target=say, args=("say1", 1)),
    threading.Thread(target=say, args=("say2", 1)),
]
for w in workers:
    w.start()
for w in workers:
    w.join()  # like wg.Wait(): returns when both are finished
print("exit")

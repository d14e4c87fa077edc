"""``python -m policygap`` works like ``policygap``."""

from policygap.cli import main

if __name__ == "__main__":
    main()

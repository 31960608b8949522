"""`python -m digest`: the same command line as `news-digest` (and its alias `digest`), for
when the console script is not on PATH or another package's `digest` shadows it."""
from digest.cli import main

if __name__ == "__main__":
    main()

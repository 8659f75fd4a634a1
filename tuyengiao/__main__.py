"""`python -m tuyengiao` runs the command-line tool."""

from tuyengiao.cli import main

if __name__ == "__main__":
    main()

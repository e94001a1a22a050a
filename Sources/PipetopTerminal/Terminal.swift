import CNcurses
import CNcursesShim

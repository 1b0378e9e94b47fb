import StackQ

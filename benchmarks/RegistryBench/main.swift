print("RegistryBench: not implemented yet")

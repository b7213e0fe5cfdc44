import ArgumentParser
@main struct ECRLab: ParsableCommand { func run() { print("ecrlab") } }

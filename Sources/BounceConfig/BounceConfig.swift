/// The BounceConfig module; its types arrive with the daemon work (issues 4 and 5).
enum BounceConfigModule {}

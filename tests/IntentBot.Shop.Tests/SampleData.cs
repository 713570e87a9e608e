using System.Reflection;
using IntentBot.Shop.Sample;

namespace IntentBot.Shop.Tests;

/// <summary>The committed seed, loaded as the app loads it, with a clock the test controls.</summary>
internal static class SampleData
{
    public static string RepoRoot { get; } = typeof(SampleData).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepoRoot").Value!;

    public static string SeedPath { get; } = Path.Combine(RepoRoot, "data", "shop");

    /// <summary>A fixed "now" (any date works: the loader moves the seed to it).</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 15, 30, 0, TimeSpan.Zero);

    public static DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    public static SampleShop Shop(DateTimeOffset? now = null) => SampleShop.Load(SeedPath, new ManualClock(now ?? Now));

    public static SampleShopSeed Seed() => SeedLoader.Load(SeedPath, Today);
}

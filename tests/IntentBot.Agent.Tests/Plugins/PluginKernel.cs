using IntentBot.Agent.Plugins;
using IntentBot.Shop.Sample;
using Microsoft.SemanticKernel;

namespace IntentBot.Agent.Tests.Plugins;

/// <summary>A real Kernel with the four shop plugins over the committed sample shop, at a fixed "now".</summary>
internal static class PluginKernel
{
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 15, 30, 0, TimeSpan.Zero);

    public static string SeedPath { get; } = FindSeed();

    public static Kernel Create(out SampleShop shop)
    {
        var clock = new ManualClock(Now);
        shop = SampleShop.Load(SeedPath, clock);
        var kernel = Kernel.CreateBuilder().Build();
        foreach (var plugin in ShopPlugins.Create(shop, shop, shop, shop, clock))
            kernel.Plugins.Add(plugin);
        return kernel;
    }

    public static Kernel Create() => Create(out _);

    public static async Task<ShopReply<T>> CallAsync<T>(this Kernel kernel, string plugin, string function, KernelArguments? arguments = null)
    {
        var result = await kernel.InvokeAsync(plugin, function, arguments ?? []);
        return Assert.IsType<ShopReply<T>>(result.GetValue<object>());
    }

    /// <summary>data/shop, found by walking up from the test binaries (the repository root holds it).</summary>
    private static string FindSeed()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data", "shop");
            if (File.Exists(Path.Combine(candidate, "manifest.json")))
                return candidate;
        }

        throw new DirectoryNotFoundException("data/shop not found above " + AppContext.BaseDirectory);
    }
}

using IntentBot.Shop;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace IntentBot.Agent.Plugins;

/// <summary>
/// Builds the four shop plugins ("orders", "catalog", "policies", "promotions") over the registered shop
/// services, for a Kernel used both by the prompt template engine and by automatic function calling.
/// </summary>
public static class ShopPlugins
{
    public static IReadOnlyList<KernelPlugin> Create(IServiceProvider services) => Create(
        services.GetRequiredService<IOrderService>(),
        services.GetRequiredService<ICatalog>(),
        services.GetRequiredService<IPolicyService>(),
        services.GetRequiredService<IPromotionService>(),
        services.GetService<TimeProvider>() ?? TimeProvider.System,
        services.GetService<ICustomerDirectory>());

    public static IReadOnlyList<KernelPlugin> Create(IOrderService orders, ICatalog catalog, IPolicyService policies, IPromotionService promotions, TimeProvider time,
        ICustomerDirectory? customers = null) =>
    [
        KernelPluginFactory.CreateFromObject(new OrdersPlugin(orders, policies), OrdersPlugin.PluginName),
        KernelPluginFactory.CreateFromObject(new CatalogPlugin(catalog), CatalogPlugin.PluginName),
        KernelPluginFactory.CreateFromObject(new PoliciesPlugin(policies), PoliciesPlugin.PluginName),
        KernelPluginFactory.CreateFromObject(new PromotionsPlugin(promotions, policies, time, customers, orders, catalog), PromotionsPlugin.PluginName),
    ];

    /// <summary>Adds the shop plugins to a kernel's plugin collection (e.g. <c>kernel.Plugins.AddShopPlugins(services)</c>).</summary>
    public static ICollection<KernelPlugin> AddShopPlugins(this ICollection<KernelPlugin> plugins, IServiceProvider services)
    {
        foreach (var plugin in Create(services))
            plugins.Add(plugin);
        return plugins;
    }
}

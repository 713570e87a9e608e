using System.ComponentModel;
using System.Reflection;
using IntentBot.Agent.Plugins;
using IntentBot.Shop;
using Microsoft.SemanticKernel;

namespace IntentBot.Agent.Tests.Plugins;

public sealed class CatalogPoliciesPromotionsPluginTests
{
    private readonly Kernel _kernel = PluginKernel.Create();

    [Fact]
    public async Task Search_with_category_and_price_returns_matching_products()
    {
        var reply = await _kernel.CallAsync<ProductListView>("catalog", "search",
            new KernelArguments { ["query"] = "running shoes", ["category"] = "shoes", ["maxPrice"] = "150" });

        Assert.True(reply.Ok);
        Assert.NotEmpty(reply.Data!.Products);
        Assert.All(reply.Data.Products, p => Assert.True(p.Category == "shoes" && p.Price <= 150m));
        Assert.Equal("Running Shoes", reply.Data.Products[0].Subcategory);
        Assert.Contains(reply.Data.Products[0].Name, reply.Text);
    }

    [Fact]
    public async Task Details_accept_a_name_and_availability_reports_out_of_stock()
    {
        var details = await _kernel.CallAsync<ProductView>("catalog", "details", new KernelArguments { ["product"] = "P1003" });
        Assert.True(details.Ok);
        Assert.Contains("38, 39, 40", details.Text);

        var byName = await _kernel.CallAsync<ProductView>("catalog", "details", new KernelArguments { ["product"] = "Barista Co Milano espresso machine" });
        Assert.Equal("P1005", byName.Data!.Id);

        var stock = await _kernel.CallAsync<AvailabilityView>("catalog", "availability", new KernelArguments { ["product"] = "P1002" });
        Assert.Equal("out_of_stock", stock.Data!.Level);
        Assert.Contains("out of stock", stock.Text);

        var related = await _kernel.CallAsync<IReadOnlyList<ProductView>>("catalog", "related", new KernelArguments { ["product"] = "P1002" });
        Assert.NotEmpty(related.Data!);
        Assert.All(related.Data!, p => Assert.NotEqual("P1002", p.Id));
    }

    [Fact]
    public async Task Policies_answer_from_the_shop_policies()
    {
        var refund = await _kernel.CallAsync<RefundPolicy>("policies", "refund");
        Assert.Contains("30 days", refund.Text);

        var shipping = await _kernel.CallAsync<ShippingView>("policies", "shipping", new KernelArguments { ["country"] = "AT" });
        Assert.Equal(("eu", "EUR"), (shipping.Data!.RegionId, shipping.Data.Currency));
        Assert.All(shipping.Data.Options, o => Assert.Equal("eu", o.RegionId));
        Assert.Contains("European Union", shipping.Text);

        var faq = await _kernel.CallAsync<FaqEntry>("policies", "account_faq", new KernelArguments { ["topic"] = "recover_password" });
        Assert.Contains("Forgot password", faq.Text);

        var payment = await _kernel.CallAsync<IReadOnlyList<PaymentMethodInfo>>("policies", "payment_methods");
        Assert.Contains("PayPal", payment.Text);
    }

    [Fact]
    public async Task Promotions_list_active_codes_and_check_one()
    {
        var fashion = await _kernel.CallAsync<IReadOnlyList<PromotionView>>("promotions", "active", new KernelArguments { ["category"] = "fashion" });
        Assert.Contains(fashion.Data!, p => p.Code == "SUMMER20");
        Assert.DoesNotContain(fashion.Data!, p => p.Code is "TECH50" or "SPRING15" or "AUTUMN30");

        var expired = await _kernel.CallAsync<PromotionView>("promotions", "check_code", new KernelArguments { ["code"] = "spring15" });
        Assert.False(expired.Ok);
        Assert.Contains("expired", expired.Text);

        var tooSmall = await _kernel.CallAsync<PromotionView>("promotions", "check_code", new KernelArguments { ["code"] = "TECH50", ["cartValue"] = "120" });
        Assert.False(tooSmall.Ok);
    }

    [Fact]
    public void Every_function_and_parameter_is_described_for_the_LLM()
    {
        var names = _kernel.Plugins.Select(p => p.Name).Order().ToArray();
        Assert.Equal(["catalog", "orders", "policies", "promotions"], names);
        foreach (var function in _kernel.Plugins.GetFunctionsMetadata())
        {
            Assert.False(string.IsNullOrWhiteSpace(function.Description), $"{function.PluginName}.{function.Name}");
            foreach (var parameter in function.Parameters)
                Assert.False(string.IsNullOrWhiteSpace(parameter.Description), $"{function.PluginName}.{function.Name}({parameter.Name})");
        }

        // The order number comes first, so templates can pass it positionally: {{orders.status $orderNumber}}.
        foreach (var function in _kernel.Plugins["orders"].Where(f => f.Name != "list"))
            Assert.Equal("orderNumber", function.Metadata.Parameters[0].Name);
        Assert.NotNull(typeof(OrdersPlugin).GetMethod(nameof(OrdersPlugin.StatusAsync))!.GetCustomAttribute<DescriptionAttribute>());
    }
}

public sealed class UnavailableShopPluginTests
{
    [Fact]
    public async Task A_shop_that_cannot_be_reached_gives_an_apology_not_an_exception()
    {
        var backend = Infrastructure.UnreachableShop.Create();
        var kernel = Kernel.CreateBuilder().Build();
        foreach (var plugin in ShopPlugins.Create(backend, backend, backend, backend, TimeProvider.System))
            kernel.Plugins.Add(plugin);

        var reply = await kernel.CallAsync<OrderView>("orders", "status", new KernelArguments { ["orderNumber"] = "W100001" });

        Assert.False(reply.Ok);
        Assert.Equal("unavailable", reply.Code);
        Assert.Contains("cannot reach our shop system", reply.Text);
    }
}

public sealed class PluginJsonTests
{
    [Fact]
    public async Task Results_serialise_for_the_LLM_with_enum_names_not_numbers()
    {
        var kernel = PluginKernel.Create();
        var result = await kernel.InvokeAsync("policies", "cancellation");

        // Default options, as a tool result is serialised when no special options are given.
        var json = System.Text.Json.JsonSerializer.Serialize(result.GetValue<object>());

        Assert.Contains("\"Status\":\"out_for_delivery\"", json);
        Assert.Contains("\"Text\":\"Cancelling is free", json);
    }
}

using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace IntentBot.Agent.Tests.Llm;

/// <summary>An order as the test plugin returns it: like the shop's views, it names its owner.</summary>
public sealed record TestOrder(string Number, string CustomerId, string Text);

/// <summary>A small stand-in for the shop's "orders" plugin, so these tests do not depend on its data.</summary>
public sealed class TestOrdersPlugin
{
    private static readonly TestOrder[] Orders =
    [
        new("W100001", "user-1", "Order W100001 shipped on 2026-11-20 with DHL, tracking 00340434161094042557."),
        new("W100002", "user-2", "Order W100002 to Jane Roe, 5 Elm Street, is being packed."),
    ];

    private int _statusCalls;
    public int StatusCalls => _statusCalls;
    public int CancelCalls { get; private set; }
    public int HistoryCalls { get; private set; }
    public List<string> ListedFor { get; } = [];

    [KernelFunction("status"), Description("Looks up the status of an order by its number.")]
    public TestOrder? Status([Description("The order number, e.g. W100001")] string orderNumber)
    {
        Interlocked.Increment(ref _statusCalls);
        return Orders.FirstOrDefault(o => o.Number == orderNumber);
    }

    [KernelFunction("list"), Description("Lists a customer's orders.")]
    public IReadOnlyList<TestOrder> List([Description("The customer's id")] string customerId, [Description("How many")] int limit = 5)
    {
        ListedFor.Add(customerId);
        return [.. Orders.Where(o => o.CustomerId == customerId).Take(limit)];
    }

    [KernelFunction("cancel"), Description("Cancels an order.")]
    public string Cancel(string orderNumber)
    {
        CancelCalls++;
        return $"Order {orderNumber} cancelled.";
    }

    [KernelFunction("history"), Description("Lists the customer's past orders.")]
    public string History()
    {
        HistoryCalls++;
        throw new InvalidOperationException("shop backend unavailable");
    }

    public static Kernel KernelWith(TestOrdersPlugin plugin)
    {
        var builder = Kernel.CreateBuilder();
        builder.Plugins.AddFromObject(plugin, "orders");
        return builder.Build();
    }
}

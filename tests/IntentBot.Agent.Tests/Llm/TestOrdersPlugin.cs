using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace IntentBot.Agent.Tests.Llm;

/// <summary>A small stand-in for the shop's "orders" plugin, so these tests do not depend on its data.</summary>
public sealed class TestOrdersPlugin
{
    private int _statusCalls;
    public int StatusCalls => _statusCalls;
    public int CancelCalls { get; private set; }

    [KernelFunction("status"), Description("Looks up the status of one of the customer's orders.")]
    public string Status([Description("The order number, e.g. W100001")] string orderNumber)
    {
        Interlocked.Increment(ref _statusCalls);
        return orderNumber == "W100001"
            ? "Order W100001 shipped on 2026-11-20 with DHL, tracking 00340434161094042557."
            : $"No order {orderNumber} found for this customer.";
    }

    [KernelFunction("cancel"), Description("Cancels an order.")]
    public string Cancel(string orderNumber)
    {
        CancelCalls++;
        return $"Order {orderNumber} cancelled.";
    }

    [KernelFunction("history"), Description("Lists the customer's orders.")]
    public string History()
    {
        HistoryCalls++;
        throw new InvalidOperationException("shop backend unavailable");
    }

    public int HistoryCalls { get; private set; }

    public static Kernel KernelWith(TestOrdersPlugin plugin)
    {
        var builder = Kernel.CreateBuilder();
        builder.Plugins.AddFromObject(plugin, "orders");
        return builder.Build();
    }
}

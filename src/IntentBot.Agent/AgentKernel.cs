using IntentBot.Agent.CustomerContext;
using IntentBot.Agent.Handoff;
using Microsoft.SemanticKernel;

namespace IntentBot.Agent;

/// <summary>The plugins the agent's Kernel holds: the shop's four plus the agent's own "handoff" and "customer_context".</summary>
public static class AgentKernel
{
    public static IReadOnlyList<KernelPlugin> Plugins(IEnumerable<KernelPlugin> shopPlugins, IHandoffInbox handoffs, ICustomerSignals signals) =>
    [
        .. shopPlugins,
        KernelPluginFactory.CreateFromObject(new HandoffPlugin(handoffs), HandoffPlugin.PluginName),
        KernelPluginFactory.CreateFromObject(new CustomerContextPlugin(signals), CustomerContextPlugin.PluginName),
    ];
}

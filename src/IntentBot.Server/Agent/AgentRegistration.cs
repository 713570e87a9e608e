namespace IntentBot.Server.Agent;

/// <summary>The agent (IBot): dialogs, Semantic Kernel plugins, optional LLM; plus its operator API (handback).</summary>
public static class AgentRegistration
{
    public static WebApplicationBuilder AddAgent(this WebApplicationBuilder builder) => builder;

    public static WebApplication MapAgentApi(this WebApplication app) => app;
}

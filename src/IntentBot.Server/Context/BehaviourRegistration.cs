namespace IntentBot.Server.Context;

/// <summary>Behaviour events, aggregates and the live context API (issue 4). Filled in by its owner.</summary>
public static class BehaviourRegistration
{
    public static WebApplicationBuilder AddBehaviourEvents(this WebApplicationBuilder builder) => builder;

    public static WebApplication MapBehaviourApi(this WebApplication app) => app;
}

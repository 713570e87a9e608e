using IntentBot.Nlu.Hosting;

namespace IntentBot.Server.Health;

public static class HealthApi
{
    /// <summary>Liveness answers while the process runs; readiness once the model is loaded.</summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health").WithTags("Health");
        group.MapGet("/live", () => Results.Ok(new HealthStatus("live")))
            .WithName("Live").WithSummary("The process is up.")
            .Produces<HealthStatus>();
        group.MapGet("/ready", (ModelHost model) => model.IsLoaded
                ? Results.Ok(new HealthStatus("ready"))
                : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Model not loaded"))
            .WithName("Ready").WithSummary("The model is loaded and requests can be served.")
            .Produces<HealthStatus>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }
}

public sealed record HealthStatus(string Status);

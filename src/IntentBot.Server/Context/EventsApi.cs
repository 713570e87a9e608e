using IntentBot.Context.Behaviour;
using IntentBot.Context.Storage;
using IntentBot.Server.Problems;
using IntentBot.Server.Security;
using Microsoft.Extensions.Options;

namespace IntentBot.Server.Context;

public static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Behaviour").RequireApiAccess(customerData: true);
        group.MapPost("/events", PostAsync)
            .WithName("PostEvents")
            .WithSummary("Record a batch of shop behaviour events; retried event ids are counted once.")
            .Accepts<EventsRequestDoc>("application/json")
            .Produces<EventsResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <summary>The body's shape, for the OpenAPI document (the endpoint reads the body by hand).</summary>
    public sealed record EventsRequestDoc(IReadOnlyList<EventDto> Events);

    private static async Task<IResult> PostAsync(HttpContext context, IBehaviourStore store, IOptions<ApiOptions> api,
        IOptions<BehaviourOptions> options, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var (events, error) = await EventsRequestReader.ReadAsync(context.Request, api.Value, options.Value, clock.GetUtcNow(), cancellationToken);
        if (error is not null) return error;

        IReadOnlyList<EventOutcome> outcomes;
        try
        {
            outcomes = await store.AppendAsync(events!, cancellationToken);
        }
        catch (StoreUnavailableException ex)
        {
            return Problem.Unavailable(context, "Context store unavailable", ex.Message, retryAfterSeconds: 5);
        }

        var results = events!.Select((e, i) => new EventResultDto(i, e.EventId, outcomes[i] == EventOutcome.Accepted ? "accepted" : "duplicate")).ToList();
        var accepted = outcomes.Count(o => o == EventOutcome.Accepted);
        loggers.CreateLogger(typeof(EventsApi)).LogDebug("Stored {Accepted} events ({Duplicates} duplicates).", accepted, outcomes.Count - accepted);
        return Results.Json(new EventsResponse(accepted, outcomes.Count - accepted, results), BehaviourApiJsonContext.Default.EventsResponse);
    }
}

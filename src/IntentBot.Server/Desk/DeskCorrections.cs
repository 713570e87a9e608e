using System.Globalization;
using IntentBot.Agent.Desk;
using IntentBot.Agent.Insights;
using IntentBot.Nlu;
using IntentBot.Server.Insights;
using IntentBot.Server.Problems;

namespace IntentBot.Server.Desk;

/// <summary>Body of POST .../corrections: which customer line of the desk transcript (its index) the model misread, and the right intent.</summary>
public sealed record CorrectionRequest(int? Entry, string? Label, AgentRef? Agent);

/// <summary>
/// An agent corrects the model's reading of a customer line in a handed-off conversation. The text comes from the desk
/// transcript (not from the caller), is stored as a corrected review item (masked, explained, erased with the user, so
/// it goes into <c>intentbot feedback export</c>), and the desk transcript notes the correction for the other agents.
/// </summary>
internal static class DeskCorrections
{
    public static RouteHandlerBuilder MapCorrections(this RouteGroupBuilder conversation) =>
        conversation.MapPost("/corrections", CorrectAsync)
            .WithName("CorrectReading")
            .WithSummary("Marks the model's reading of a customer line of the transcript as wrong and names the right intent: {\"entry\": 3, \"label\": \"track_order\"} (entry: the line's index in the transcript's entries; label: one of GET /api/v1/insights/intents). Stored as a corrected review item (exported for training); correcting the same line again replaces it.")
            .Accepts<CorrectionRequest>("application/json")
            .Produces<ReviewItemDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> CorrectAsync(string conversationId, HttpContext context, DeskService desk, IDeskStore deskStore, ReviewIntake intake,
        IReviewStore reviews, ITextClassifier classifier, TimeProvider clock, CancellationToken ct)
    {
        if (DeskBody.ConversationIdError(conversationId) is { } idError) return Problem.Validation("conversationId", idError);
        var (body, error) = await DeskBody.ReadAsync(context.Request, DeskApiJsonContext.Default.CorrectionRequest, optional: false, ct);
        if (error is not null) return error;
        var label = body!.Label?.Trim();
        if (!classifier.Model.Intents.Any(i => i.Name == label))
            return Problem.Validation("label", "Name one of the model's intents (GET /api/v1/insights/intents).");
        var agent = context.Caller().SessionAgent ?? body.Agent?.Name?.Trim();
        if (DeskBody.AgentNameError(agent) is { } nameError) return Problem.Validation("agent.name", nameError);

        if (await desk.GetAsync(conversationId, ct) is not { } found)
            return Problem.Status(StatusCodes.Status404NotFound, "Not handed off", $"Conversation '{conversationId}' has no desk record.");
        if (body.Entry is not { } index || index < 0 || index >= found.Entries.Count
            || found.Entries[index] is not { Role: DeskRoles.Customer, Intent: not null } line)
            return Problem.Validation("entry", "The index of a customer line of this conversation's transcript (its entries, counted from 0).");
        if ((found.Record?.UserId ?? found.Address?.User?.Id) is not { } userId)
            return Problem.Status(StatusCodes.Status404NotFound, "No customer", "This desk record names no customer to file the correction under.");

        var now = clock.GetUtcNow();
        var item = await intake.CreateCorrectedAsync(userId, conversationId, line.Text, label!, agent, now, ct);
        item = item with { Id = ReviewIntake.StableId(ReviewSources.AgentCorrected, conversationId, index.ToString(CultureInfo.InvariantCulture)) };
        await reviews.AddAsync([item], ct);
        await deskStore.AppendAsync(conversationId, [new DeskEntry(DeskRoles.Event, $"{agent} corrected the reading of line {index + 1}: {line.Intent} → {label}", now, agent)], ct);
        await deskStore.NotifyAsync(conversationId, ct);
        return Results.Json(ReviewItemDto.From(item), InsightsJsonContext.Default.ReviewItemDto, statusCode: StatusCodes.Status201Created);
    }
}

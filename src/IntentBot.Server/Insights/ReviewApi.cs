using System.Text.RegularExpressions;
using IntentBot.Agent.Insights;
using IntentBot.Nlu;
using IntentBot.Server.Desk;
using IntentBot.Server.Problems;

namespace IntentBot.Server.Insights;

/// <summary>The review queue API (desk sign-in or API key): list, decide (confirm, correct, new intent), grouped unanswered questions.</summary>
public static partial class ReviewApi
{
    public const int MaxLimit = 500;

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex IntentName();

    public static WebApplication MapReviewApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/insights").WithTags("Insights").RequireDeskAccess();
        InsightsFailures.Describe(group);

        group.MapGet("/review", ListAsync)
            .WithName("ListReviewItems")
            .WithSummary("Messages the bot was unsure of, declined, that a customer rated down or an agent corrected, newest first, each with the model's reading and which words drove it (query status: open, confirmed, corrected, new_intent; limit: 1-500, default 100). Texts are PII-masked.")
            .Produces<List<ReviewItemDto>>()
            .ProducesValidationProblem();
        group.MapPost("/review", AddAsync)
            .WithName("AddReviewItem")
            .WithSummary("Puts a message in the review queue from outside the bot: a customer's thumbs-down in the shop's own chat UI ({\"source\": \"rated_down\"}) or an agent's correction ({\"source\": \"agent_corrected\", \"label\": \"track_order\"}, stored as corrected). Body also: userId, conversationId, text. The text is PII-masked, read and explained.")
            .Accepts<NewReviewItem>("application/json")
            .Produces<ReviewItemDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
        group.MapPost("/review/{id}/decision", DecideAsync)
            .WithName("DecideReviewItem")
            .WithSummary("A reviewer's decision: {\"status\": \"confirmed\"} (the reading was right), {\"status\": \"corrected\", \"label\": \"track_order\"} (one of the model's intents) or {\"status\": \"new_intent\", \"label\": \"gift_wrapping\"}.")
            .Accepts<ReviewDecision>("application/json")
            .Produces<ReviewItemDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/review/export", ExportAsync)
            .WithName("ExportCorrections")
            .WithSummary("Reviewers' decisions in the training pipeline's format (training/run.sh --feedback FILE): one JSON object per line, {\"text\", \"intent\", \"sentiment\": null, \"source\": \"feedback\"}, for corrected and confirmed items (new intents need a model with the label first). Texts are PII-masked.")
            .Produces<string>(StatusCodes.Status200OK, "application/x-ndjson");
        group.MapGet("/intents", (ITextClassifier classifier) => Results.Json(classifier.Model.Intents.Select(i => i.Name).ToList(), InsightsJsonContext.Default.ListString))
            .WithName("ListReviewIntents")
            .WithSummary("The model's intents: the labels a reviewer can correct a reading to (the same as GET /api/v1/model, with the desk's sign-in).")
            .Produces<List<string>>();
        group.MapGet("/questions", QuestionsAsync)
            .WithName("ListUnansweredQuestions")
            .WithSummary("The open review items (out-of-scope, unsure, rated down) grouped by similarity of the model's sentence embedding, largest group first (query limit: 1-100 groups, default 10).")
            .Produces<List<QuestionGroup>>()
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext context, IReviewStore store, CancellationToken cancellationToken)
    {
        var status = context.Request.Query["status"].ToString() is { Length: > 0 } s ? s : null;
        if (status is not null && status != ReviewStatuses.Open && !ReviewStatuses.IsDecision(status))
            return Problem.Validation("status", "open, confirmed, corrected or new_intent.");
        if (Limit(context, 100, MaxLimit) is not { } limit) return Problem.Validation("limit", $"A whole number from 1 to {MaxLimit}.");
        var items = await store.ListAsync(status, limit, cancellationToken);
        return Results.Json(items.Select(ReviewItemDto.From).ToList(), InsightsJsonContext.Default.ListReviewItemDto);
    }

    private static async Task<IResult> AddAsync(HttpContext context, IReviewStore store, ReviewIntake intake, ITextClassifier classifier, TimeProvider clock,
        Microsoft.Extensions.Options.IOptions<Security.ApiOptions> api, CancellationToken cancellationToken)
    {
        var (body, error) = await DeskBody.ReadAsync(context.Request, InsightsJsonContext.Default.NewReviewItem, optional: false, cancellationToken);
        if (error is not null) return error;
        var errors = new Dictionary<string, string[]>();
        if (IntentBot.Context.Storage.StoredIds.Error(body!.UserId, "The user id") is { } userError) errors["userId"] = [userError];
        if (IntentBot.Context.Storage.StoredIds.Error(body.ConversationId, "The conversation id") is { } conversationError) errors["conversationId"] = [conversationError];
        if (string.IsNullOrWhiteSpace(body.Text) || body.Text.Length > api.Value.MaxTextCharacters)
            errors["text"] = [$"The customer's message: 1 to {api.Value.MaxTextCharacters} characters."];
        if (body.Source is not (ReviewSources.RatedDown or ReviewSources.AgentCorrected)) errors["source"] = ["rated_down or agent_corrected."];
        else if (body.Source == ReviewSources.AgentCorrected && !classifier.Model.Intents.Any(i => i.Name == body.Label))
            errors["label"] = ["An agent's correction names one of the model's intents (GET /api/v1/insights/intents)."];
        if (errors.Count > 0) return Problem.Validation(errors);

        var item = body.Source == ReviewSources.AgentCorrected
            ? await intake.CreateCorrectedAsync(body.UserId!, body.ConversationId!, body.Text!, body.Label!, context.Caller().SessionAgent, clock.GetUtcNow(), cancellationToken)
            : await intake.CreateAsync(body.UserId!, body.ConversationId!, body.Text!, body.Source!, clock.GetUtcNow(), cancellationToken);
        await store.AddAsync([item], cancellationToken);
        return Results.Json(ReviewItemDto.From(item), InsightsJsonContext.Default.ReviewItemDto, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> DecideAsync(HttpContext context, string id, IReviewStore store, ITextClassifier classifier, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (decision, error) = await DeskBody.ReadAsync(context.Request, InsightsJsonContext.Default.ReviewDecision, optional: false, cancellationToken);
        if (error is not null) return error;
        if (await store.GetAsync(id, cancellationToken) is not { } item) return Problem.Status(StatusCodes.Status404NotFound, "No such review item", "It was never there, has expired, or was erased.");

        var label = decision!.Label?.Trim();
        var known = classifier.Model.Intents.Any(i => i.Name == label);
        switch (decision.Status)
        {
            case ReviewStatuses.Confirmed:
                label = item.Intent;
                break;
            case ReviewStatuses.Corrected when !known:
                return Problem.Validation("label", "Name one of the model's intents (GET /api/v1/model); for an intent it does not have, use status new_intent.");
            case ReviewStatuses.NewIntent when label is null || !IntentName().IsMatch(label):
                return Problem.Validation("label", "Name the new intent: lower-case letters, digits and '_', starting with a letter, at most 64 characters.");
            case ReviewStatuses.NewIntent when known:
                return Problem.Validation("label", "The model already has this intent: use status corrected.");
            case ReviewStatuses.Corrected or ReviewStatuses.NewIntent:
                break;
            default:
                return Problem.Validation("status", "confirmed, corrected or new_intent.");
        }

        var reviewer = context.Caller().SessionAgent ?? decision.Reviewer?.Trim();
        if (reviewer is not null && DeskBody.AgentNameError(reviewer) is { } nameError) return Problem.Validation("reviewer", nameError);
        var decided = item with { Status = decision.Status, Label = label, Reviewer = reviewer, ReviewedAt = clock.GetUtcNow() };
        if (!await store.UpdateAsync(decided, cancellationToken))
            return Problem.Status(StatusCodes.Status404NotFound, "No such review item", "It expired or was erased meanwhile.");
        return Results.Json(ReviewItemDto.From(decided), InsightsJsonContext.Default.ReviewItemDto);
    }

    private static async Task<IResult> ExportAsync(IReviewStore store, CancellationToken cancellationToken)
    {
        var lines = new System.Text.StringBuilder();
        foreach (var status in new[] { ReviewStatuses.Corrected, ReviewStatuses.Confirmed })
            foreach (var item in (await store.ListAsync(status, int.MaxValue, cancellationToken)).OrderBy(i => i.At))
                // Masked when stored; masked again so that a masking rule added since covers older items too.
                lines.Append(System.Text.Json.JsonSerializer.Serialize(new FeedbackRow(Logging.PiiMasker.Mask(item.Text), item.Label!, null, "feedback"),
                    InsightsJsonContext.Default.FeedbackRow)).Append('\n');
        return Results.Text(lines.ToString(), "application/x-ndjson", System.Text.Encoding.UTF8);
    }

    private static async Task<IResult> QuestionsAsync(HttpContext context, IReviewStore store, CancellationToken cancellationToken)
    {
        if (Limit(context, 10, 100) is not { } limit) return Problem.Validation("limit", "A whole number from 1 to 100.");
        var open = await store.ListAsync(ReviewStatuses.Open, MaxLimit, cancellationToken);
        return Results.Json(QuestionGrouping.Group(open).Take(limit).ToList(), InsightsJsonContext.Default.ListQuestionGroup);
    }

    private static int? Limit(HttpContext context, int fallback, int max)
    {
        var raw = context.Request.Query["limit"].ToString();
        if (raw.Length == 0) return fallback;
        return int.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= max ? n : null;
    }
}

using IntentBot.Nlu;
using IntentBot.Nlu.Batching;
using IntentBot.Nlu.Classification;
using IntentBot.Server.Insights;
using IntentBot.Server.Problems;
using IntentBot.Server.Security;
using Microsoft.Extensions.Options;

namespace IntentBot.Server.Classification;

public static class ClassificationApi
{
    public static IEndpointRouteBuilder MapClassificationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Classification").RequireApiAccess();

        group.MapPost("/classify", ClassifyAsync)
            .WithName("Classify")
            .WithSummary("Classify one text or a batch: intent, out-of-scope verdict and sentiment.")
            .Accepts<ClassifyRequest>("application/json")
            .Produces<ClassifyResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapGet("/model", Describe)
            .WithName("Model")
            .WithSummary("The loaded model: name, version, labels of each head, execution provider.")
            .Produces<ModelDescription>();
        return app;
    }

    private static async Task<IResult> ClassifyAsync(HttpContext context, ITextClassifier classifier, OcclusionExplainer explainer, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var model = classifier.Model;
        var (request, error) = await ClassifyRequestReader.ReadAsync(context.Request, options.Value, model.Intents.Count, cancellationToken);
        if (error is not null) return error;

        List<ClassifyResultDto> dtos;
        try
        {
            var results = await classifier.ClassifyAsync(request!.Value.Texts, request.Value.TopK, cancellationToken);
            dtos = [.. results.Select(ToDto)];
            if (request.Value.Explain)
            {
                // One batched model run per text: the text and each of its one-word-shorter variants.
                var explained = new List<ClassifyResultDto>(dtos.Count);
                for (var i = 0; i < dtos.Count; i++)
                    explained.Add(dtos[i] with { Explanation = (await explainer.ExplainAsync(request.Value.Texts[i], cancellationToken)).Words });
                dtos = explained;
            }
        }
        catch (QueueFullException ex)
        {
            return Problem.Unavailable(context, "Classifier saturated", ex.Message);
        }

        var response = new ClassifyResponse(dtos, new ModelRef(model.Name, model.Version));
        return Results.Json(response, ClassificationJsonContext.Default.ClassifyResponse);
    }

    private static IResult Describe(ITextClassifier classifier)
    {
        var m = classifier.Model;
        var description = new ModelDescription(m.Name, m.Version, m.ExecutionProvider, m.MaxSequenceLength,
            new ModelLabels(m.Intents, m.Sentiments), new OutOfScopeRule(m.OutOfScopeLabel, m.OutOfScopeThreshold), m.Metrics);
        return Results.Json(description, ClassificationJsonContext.Default.ModelDescription);
    }

    private static ClassifyResultDto ToDto(ClassificationResult r) => new(
        ToDto(r.Intent),
        r.Intents.Select(ToDto).ToArray(),
        r.OutOfScope,
        new SentimentDto(r.Sentiment.Label, r.Sentiment.Confidence,
            new SentimentScoresDto(r.Sentiment.Scores.Negative, r.Sentiment.Scores.Neutral, r.Sentiment.Scores.Positive)),
        r.Truncated);

    private static IntentDto ToDto(IntentScore s) => new(s.Label, s.Category, s.Confidence);
}

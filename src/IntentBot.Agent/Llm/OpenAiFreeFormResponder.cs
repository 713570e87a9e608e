using IntentBot.Shop;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace IntentBot.Agent.Llm;

/// <summary>
/// Answers a free-form question with a chat model behind any OpenAI-compatible endpoint, letting it call the
/// agent's Semantic Kernel plugins (the same ones the dialogs use). Every failure (timeout, HTTP error, malformed
/// response, failing tool, too many tool rounds, empty or truncated answer) returns null, so the agent falls back
/// to its template answer; only the caller's own cancellation propagates.
/// </summary>
public sealed partial class OpenAiFreeFormResponder : IFreeFormResponder, IDisposable
{
    private readonly LlmOptions _options;
    private readonly string _systemPrompt;
    private readonly HttpClient _httpClient;
    private readonly bool _ownsHttpClient;
    private readonly IChatCompletionService _chat;
    private readonly ILogger _logger;
    private readonly IOrderService? _orders;

    /// <param name="orders">Used to check that an order named in a tool call is the customer's own; without it
    /// only the results are screened (records naming another customer id are withheld).</param>
    /// <param name="httpClient">Optional; by default the responder owns one. Its base address and timeout are
    /// not used: the endpoint comes from the options and the timeout is enforced per answer.</param>
    public OpenAiFreeFormResponder(LlmOptions options, ILoggerFactory loggerFactory, IOrderService? orders = null, HttpClient? httpClient = null)
    {
        if (!options.IsConfigured) throw new ArgumentException("Llm:Endpoint is not set.", nameof(options));
        _options = options;
        _orders = orders;
        _systemPrompt = options.LoadSystemPrompt();
        _logger = loggerFactory.CreateLogger<OpenAiFreeFormResponder>();
        _ownsHttpClient = httpClient is null;
        _httpClient = httpClient ?? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            // A backstop only; the per-answer cancellation below is the real limit.
            Timeout = options.Timeout + TimeSpan.FromSeconds(5),
        };
        // The connector is given a ready OpenAIClient: any OpenAI-compatible server, no retries (within a turn's
        // few seconds a fast fallback beats a retried call), the per-answer deadline as the only timeout.
        _chat = new OpenAIChatCompletionService(options.Model, OpenAiClientFactory.Create(options, _httpClient), loggerFactory: null);
    }

    public async Task<string?> TryAnswerAsync(FreeFormRequest request, Kernel kernel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(kernel);
        if (string.IsNullOrWhiteSpace(request.Text)) return null;

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.Timeout);

        // A clone keeps the agent's services and filters; its plugins are replaced by this answer's tools, and
        // the guard is per answer: nothing leaks into the agent's kernel.
        var guard = new ToolCallGuard(_options.MaxToolRounds, request.UserId, _orders is null ? null : OwnsOrderAsync(request.UserId));
        var callKernel = kernel.Clone();
        var tools = CustomerBoundTools.Build(kernel, _options, request);
        callKernel.Plugins.Clear();
        callKernel.Plugins.AddRange(tools);
        callKernel.AutoFunctionInvocationFilters.Add(guard);

        var history = LlmPrompts.BuildHistory(_systemPrompt, request, _options.MaxRecentTurns);
        var settings = ExecutionSettings(tools.SelectMany(plugin => plugin).ToList());
        try
        {
            // WaitAsync bounds the wait even if some tool ignores cancellation.
            var reply = await _chat.GetChatMessageContentAsync(history, settings, callKernel, deadline.Token)
                .WaitAsync(deadline.Token).ConfigureAwait(false);
            var (answer, rejection) = Accept(reply, history, guard);
            if (answer is null) LogRejected(_logger, request.ConversationId, rejection!);
            else LogAnswered(_logger, request.ConversationId, guard.CompletedCount, guard.Withheld);
            return answer;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            LogTimedOut(_logger, request.ConversationId, _options.Timeout.TotalSeconds);
            return null;
        }
#pragma warning disable CA1031 // The LLM is optional: whatever goes wrong, the template answer stands.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // Type and status only: exception messages can echo the prompt or the server's response body.
            var status = ex is HttpOperationException { StatusCode: { } code } ? (int)code : (int?)null;
            LogFailed(_logger, request.ConversationId, ex.GetType().Name, status);
            LogFailureDetail(_logger, ex);
            return null;
        }
    }

    private OpenAIPromptExecutionSettings ExecutionSettings(List<KernelFunction> functions)
    {
        var settings = new OpenAIPromptExecutionSettings
        {
            ModelId = _options.Model,
            MaxTokens = _options.MaxOutputTokens,
            Temperature = _options.Temperature,
            FunctionChoiceBehavior = functions.Count == 0 ? null : FunctionChoiceBehavior.Auto(functions, autoInvoke: true),
        };
        // The connector sends max_completion_tokens (the current OpenAI name); many local servers only know the
        // older max_tokens, so both go out unless switched off.
#pragma warning disable SKEXP0010 // ExtraBody is marked experimental; it only adds a literal top-level field.
        if (_options.SendLegacyMaxTokens) settings.ExtraBody = new Dictionary<string, object?> { ["max_tokens"] = _options.MaxOutputTokens };
#pragma warning restore SKEXP0010
        return settings;
    }

    private Func<string, CancellationToken, Task<bool>> OwnsOrderAsync(string customerId) => async (orderNumber, ct) =>
        await _orders!.GetOrderAsync(orderNumber, ct).ConfigureAwait(false) is { } order
        && string.Equals(order.CustomerId, customerId, StringComparison.OrdinalIgnoreCase);

    /// <summary>The model's final message if it is an answer we can stand behind, else why not.</summary>
    private static (string? Answer, string? Rejection) Accept(ChatMessageContent reply, ChatHistory history, ToolCallGuard guard)
    {
        if (guard.Failure is { } failure) return (null, failure);
        // Calls the kernel refused before any filter ran (unknown function, unreadable arguments) were answered
        // with an error text the model may have papered over.
        var refused = history.SelectMany(message => message.Items.OfType<FunctionCallContent>())
            .Count(call => call.Id is null || !guard.Completed(call.Id));
        if (refused > 0) return (null, $"{refused} tool call(s) were refused (unknown function or bad arguments)");
        if (reply.Role != AuthorRole.Assistant) return (null, $"the last message came from {reply.Role}, not the assistant");
        if (reply.Items.OfType<FunctionCallContent>().Any()) return (null, "the model asked for tools that were not run");
        if (reply.Metadata?.TryGetValue("FinishReason", out var reason) == true
            && string.Equals(reason?.ToString(), "length", StringComparison.OrdinalIgnoreCase))
            return (null, "the answer was cut off at the token cap");
        var text = reply.Content?.Trim();
        if (string.IsNullOrEmpty(text)) return (null, "the answer was empty");
        // A local server without tool-call parsing for its model hands back the model's raw tool-call syntax as text.
        if (RawMarkup.Any(marker => text.Contains(marker, StringComparison.Ordinal)))
            return (null, "the answer contains raw tool-call or chat-template markup");
        return (text, null);
    }

    private static readonly string[] RawMarkup = ["<tool_call>", "</tool_call>", "[TOOL_CALLS]", "<|", "|>", "<function="];

    public void Dispose()
    {
        if (_ownsHttpClient) _httpClient.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "LLM answered conversation {ConversationId} after {ToolCalls} tool call(s), {Withheld} result(s) of other customers withheld")]
    private static partial void LogAnswered(ILogger logger, string conversationId, int toolCalls, int withheld);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM answer rejected for conversation {ConversationId}, using the template answer: {Reason}")]
    private static partial void LogRejected(ILogger logger, string conversationId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM timed out after {TimeoutSeconds} s for conversation {ConversationId}, using the template answer")]
    private static partial void LogTimedOut(ILogger logger, string conversationId, double timeoutSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM call failed for conversation {ConversationId} ({ExceptionType}, HTTP status {Status}), using the template answer")]
    private static partial void LogFailed(ILogger logger, string conversationId, string exceptionType, int? status);

    [LoggerMessage(Level = LogLevel.Debug, Message = "LLM failure detail")]
    private static partial void LogFailureDetail(ILogger logger, Exception exception);
}

using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;

namespace IntentBot.Agent.Llm;

/// <summary>Builds the OpenAI SDK client for an arbitrary OpenAI-compatible server.</summary>
internal static class OpenAiClientFactory
{
    public static OpenAIClient Create(LlmOptions options, HttpClient httpClient)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = new Uri(options.Endpoint),
            Transport = new HttpClientPipelineTransport(httpClient),
            // The SDK retries 5xx/429 three times with back-off by default: too slow for a live chat turn.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            // The responder cancels each answer at Llm:Timeout; no second, different clock.
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        // Local servers usually need no key. The SDK insists on one, so a placeholder goes in and the header it
        // produces is removed just before the request leaves: no Authorization header at all.
        if (!string.IsNullOrWhiteSpace(options.ApiKey)) return new OpenAIClient(new ApiKeyCredential(options.ApiKey), clientOptions);
        clientOptions.AddPolicy(new DropAuthorizationHeader(), PipelinePosition.BeforeTransport);
        return new OpenAIClient(new ApiKeyCredential("no-key"), clientOptions);
    }

    private sealed class DropAuthorizationHeader : PipelinePolicy
    {
        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            message.Request.Headers.Remove("Authorization");
            ProcessNext(message, pipeline, currentIndex);
        }

        public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            message.Request.Headers.Remove("Authorization");
            return ProcessNextAsync(message, pipeline, currentIndex);
        }
    }
}

namespace IntentBot.Agent.Plugins;

/// <summary>
/// What every shop plugin function returns: <see cref="Text"/> is a short answer ready to show the customer,
/// <see cref="Data"/> the structured result for cards and dialog logic. <see cref="ToString"/> is the text, so
/// a prompt template ({{orders.status $orderNumber}}) embeds the sentence, while automatic function calling
/// hands the LLM the whole record as JSON.
/// </summary>
/// <param name="Ok">True when the request was answered or done; false when refused, not found or unavailable.</param>
/// <param name="Code">
/// Why, for branching: <c>ok</c>, <c>not_found</c>, <c>not_allowed_in_status</c>, <c>outside_window</c>,
/// <c>already_done</c>, <c>invalid_input</c>, <c>not_available</c>, or <c>unavailable</c> (the shop backend failed).
/// </param>
public sealed record ShopReply<T>(
    bool Ok,
    string Code,
    string Text,
    T? Data)
{
    public override string ToString() => Text;
}

internal static class ShopReply
{
    public const string Unavailable = "unavailable";

    public static ShopReply<T> Ok<T>(string text, T data) => new(true, "ok", text, data);

    public static ShopReply<T> From<T>(bool ok, Shop.OutcomeCode code, string text, T? data) => new(ok, Code(code), text, data);

    public static string Code(Shop.OutcomeCode code) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(code.ToString());

    /// <summary>
    /// Runs a shop call; a backend failure becomes an apology the template or LLM can still use, so one slow
    /// shop does not break the whole turn.
    /// </summary>
    public static async Task<ShopReply<T>> Guard<T>(Func<Task<ShopReply<T>>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Shop.ShopUnavailableException)
        {
            return new ShopReply<T>(false, Unavailable,
                "Sorry, I cannot reach our shop system right now. Please try again in a few minutes, or I can connect you with a colleague.", default);
        }
    }
}

using Microsoft.AspNetCore.Http;

namespace IntentBot.Channels.DirectLine;

/// <summary>Errors of the protocol routes in the Direct Line shape, which the stock clients understand.</summary>
public static class DirectLineErrors
{
    public static IResult Result(int status, string code, string message) =>
        Results.Json(new DirectLineErrorResponse(new DirectLineError(code, message)),
            DirectLineJsonContext.Default.DirectLineErrorResponse, statusCode: status);

    public static IResult BadArgument(string message) => Result(StatusCodes.Status400BadRequest, "BadArgument", message);

    public static IResult NotFound(string conversationId) =>
        Result(StatusCodes.Status404NotFound, "BadArgument", $"Conversation '{conversationId}' not found or expired.");
}

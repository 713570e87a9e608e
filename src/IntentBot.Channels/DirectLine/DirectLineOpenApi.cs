using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace IntentBot.Channels.DirectLine;

/// <summary>OpenAPI metadata shared by every Direct Line protocol route.</summary>
internal static class DirectLineOpenApi
{
    // What DirectLineAuth, ReadAsync and the store-outage filter can answer on any route, in the Direct Line
    // error shape the stock clients read.
    private static readonly int[] ErrorStatuses =
    [
        StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden,
        StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status503ServiceUnavailable,
    ];

    public static RouteGroupBuilder ProducesDirectLineErrors(this RouteGroupBuilder group)
    {
        foreach (var status in ErrorStatuses)
            group.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(DirectLineErrorResponse), ["application/json"]));
        return group;
    }
}

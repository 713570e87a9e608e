using IntentBot.Server.Classification;
using IntentBot.Server.Context;
using IntentBot.Server.Health;
using IntentBot.Nlu;
using IntentBot.Server.Nlu;
using IntentBot.Server.Problems;
using IntentBot.Server.Security;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = RepositoryRoot.LocateHome(),
});
builder.AddProblemHandling();
builder.AddApiSecurity();
builder.AddNlu();
builder.AddContextStore();
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseProblemHandling();
app.UseApiSecurity();
app.MapHealthApi();
app.MapClassificationApi();
app.MapUsersApi();
app.MapOpenApi();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;

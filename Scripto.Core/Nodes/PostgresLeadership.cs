using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Scripto.Core.Nodes;

/// <summary>
/// Leadership among the nodes on one PostgreSQL database: the node whose dedicated session holds a session-level
/// advisory lock leads. Followers try for the lock every <see cref="RetryEvery"/>. The leader waits on its session
/// for anything the server says (a terminated backend answers at once) and checks it every
/// <see cref="CheckEvery"/>; the moment the session fails, the node stops leading, before the server frees the lock
/// for another. A SIGKILLed leader's socket is closed by its kernel, so the server frees the lock at once; a vanished
/// machine's after the server's keepalives (about 6 s, see <see cref="NodeConnections"/>). Either way another node
/// leads within 10 s.
/// </summary>
public sealed class PostgresLeadership(string connectionString, TimeProvider clock, ILogger<PostgresLeadership> log)
    : NodeLeadership, IHostedService, IAsyncDisposable, IDisposable
{
    public static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop ??= Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Steps down and closes the session, which frees the lock for another node at once.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_loop is null) return;
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var said = (bool?)null; // what the log last said: led (true) or followed (false)
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var session = NodeConnections.Dedicated(connectionString, "leadership");
                await session.OpenAsync(cancellationToken);
                await NodeConnections.KeepAliveFromServerAsync(session, cancellationToken);
                while (true)
                {
                    if (IsLeader)
                    {
                        // Returns at once if the server ends the session; the query notices a silent one.
                        await session.WaitAsync(CheckEvery, cancellationToken);
                        await using var check = new NpgsqlCommand("SELECT 1", session);
                        await check.ExecuteScalarAsync(cancellationToken);
                    }
                    else if (await TryLockAsync(session, cancellationToken))
                    {
                        Lead();
                        if (said != true) log.LogInformation("This node leads: it flips overdue scripts and sends the notifications");
                        said = true;
                    }
                    else
                    {
                        if (said != false) log.LogInformation("This node follows: another node flips overdue scripts and sends the notifications");
                        said = false;
                        await Task.Delay(RetryEvery, clock, cancellationToken);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception error)
            {
                if (Follow())
                {
                    log.LogWarning(error, "This node stopped leading: its session with the database failed; trying again every {Retry}", RetryEvery);
                    said = null;
                }
                else log.LogDebug(error, "The leadership session failed; trying again");
                await Task.Delay(RetryEvery, clock, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        if (Follow()) log.LogInformation("This node stopped leading: it is shutting down");
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection session, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", session);
        command.Parameters.AddWithValue("key", NodeConnections.LeaderKey);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>For a container disposed synchronously.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private int _disposed;

    public async ValueTask DisposeAsync()
    {
        // Registered as itself and as NodeLeadership, it is disposed once for each.
        // _stop is not disposed: it has no timer to free, and a host may still call StopAsync after its container
        // disposed this (seen when a test host stopped), which must then return, not throw.
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await StopAsync(CancellationToken.None);
    }
}

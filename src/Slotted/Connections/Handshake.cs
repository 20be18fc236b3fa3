namespace Slotted.Connections;

/// <summary>
/// What a new connection says first: <c>HELLO 3</c> with AUTH and SETNAME in one round trip,
/// falling back to RESP2 (<c>AUTH</c>, <c>CLIENT SETNAME</c>) when the server does not know HELLO or
/// refuses protocol 3; then <c>READONLY</c> when reads may go to replicas.
/// </summary>
internal static class Handshake
{
    // deadline: the Environment.TickCount64 by which the handshake must be done — what is left of the connect timeout.
    public static async Task RunAsync(PhysicalConnection connection, ConnectionSettings settings, long deadline, bool sync, CancellationToken cancellationToken)
    {
        bool authenticated = false;
        if (settings.Protocol == 3)
        {
            var hello = new List<RedisValue> { "HELLO", 3 };
            if (settings.Password is not null)
            {
                hello.Add("AUTH");
                hello.Add(settings.User ?? "default");
                hello.Add(settings.Password);
            }
            if (settings.ClientName is not null)
            {
                hello.Add("SETNAME");
                hello.Add(settings.ClientName);
            }
            var reply = await Call(connection, [.. hello], deadline, sync, cancellationToken).ConfigureAwait(false);
            if (!reply.IsError)
            {
                connection.Protocol = 3;
                authenticated = true;
            }
            else
            {
                ThrowIfAuthError(reply, connection.EndPoint);
                // NOPROTO, or an older server without HELLO: carry on in RESP2.
            }
        }
        if (!authenticated)
        {
            if (settings.Password is not null)
            {
                RedisValue[] auth = settings.User is null ? ["AUTH", settings.Password] : ["AUTH", settings.User, settings.Password];
                var reply = await Call(connection, auth, deadline, sync, cancellationToken).ConfigureAwait(false);
                if (reply.IsError)
                {
                    ThrowIfAuthError(reply, connection.EndPoint);
                    throw new RedisAuthenticationException($"{connection.EndPoint} refused AUTH: {reply}", connection.EndPoint);
                }
            }
            if (settings.ClientName is not null)
            {
                var reply = await Call(connection, ["CLIENT", "SETNAME", settings.ClientName], deadline, sync, cancellationToken).ConfigureAwait(false);
                if (reply.IsError) throw ErrorMapper.FromServer(reply.ToString() ?? "", connection.EndPoint);
            }
        }
        if (settings.ReadOnlyReplicas)
        {
            var reply = await Call(connection, ["READONLY"], deadline, sync, cancellationToken).ConfigureAwait(false);
            if (reply.IsError) throw ErrorMapper.FromServer(reply.ToString() ?? "", connection.EndPoint);
        }
    }

    private static void ThrowIfAuthError(RedisResult reply, string endPoint)
    {
        string prefix = reply.ErrorPrefix ?? "";
        if (prefix is "WRONGPASS" or "NOAUTH" or "NOPERM")
            throw new RedisAuthenticationException($"{endPoint} refused the credentials: {reply}", endPoint);
        if (prefix == "ERR" && (reply.ToString() ?? "").Contains("AUTH", StringComparison.OrdinalIgnoreCase))
            throw new RedisAuthenticationException($"{endPoint} refused the credentials: {reply}", endPoint);
    }

    private static async ValueTask<RedisResult> Call(PhysicalConnection connection, RedisValue[] parts, long deadline, bool sync, CancellationToken cancellationToken)
    {
        var pending = connection.Send(parts, deadline, asking: false, cancellationToken);
        return sync ? pending.Wait(connection.EndPoint) : await pending.Task.ConfigureAwait(false);
    }
}

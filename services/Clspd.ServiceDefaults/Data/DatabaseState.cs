namespace Clspd.ServiceDefaults.Data;

/// <summary>Whether the schema is migrated and the service may serve calls.</summary>
public sealed class DatabaseState
{
    private volatile bool _ready;
    private volatile string _status = "migrations have not run yet";

    public bool IsReady => _ready;

    public string Status => _status;

    public void MarkReady()
    {
        _status = "ready";
        _ready = true;
    }

    public void MarkFailed(string status)
    {
        _ready = false;
        _status = status;
    }
}

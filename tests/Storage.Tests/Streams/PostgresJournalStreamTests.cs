using LoCoPi.Storage.Tests.Support;
using Xunit;

namespace LoCoPi.Storage.Tests.Streams;

public sealed class PostgresJournalStreamTests(PostgresProvider provider)
    : JournalStreamRunner(provider), IClassFixture<PostgresProvider>;

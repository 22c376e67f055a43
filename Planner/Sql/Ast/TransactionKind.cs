namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>The transaction-control statements.</summary>
public enum TransactionKind
{
    /// <summary>BEGIN / START TRANSACTION.</summary>
    Begin,
    /// <summary>COMMIT / END.</summary>
    Commit,
    /// <summary>ROLLBACK / ABORT.</summary>
    Rollback,
    /// <summary>SAVEPOINT name.</summary>
    Savepoint,
    /// <summary>RELEASE [SAVEPOINT] name.</summary>
    Release,
    /// <summary>ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT] name.</summary>
    RollbackToSavepoint,
}

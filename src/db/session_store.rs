//! Where sessions are kept: the `session` table of the app's own database, through the sqlx
//! session store of its backend.

use super::backend::Db;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

/// The session store of either backend.
#[derive(Clone, Debug)]
pub enum SessionStore {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

/// The session store over `db`, its table created when missing.
pub async fn session_store(db: &Db) -> Result<SessionStore, sqlx::Error> {
    let table = |e: String| sqlx::Error::Configuration(e.into());
    Ok(match db {
        Db::Sqlite(pool) => {
            let store = SqliteStore::new(pool.clone())
                .with_table_name("session")
                .map_err(table)?;
            store.migrate().await?;
            SessionStore::Sqlite(store)
        }
        Db::Postgres(pool) => {
            // Beside the app's own tables, as in SQLite (the store's default is a schema of its own).
            let store = PostgresStore::new(pool.clone())
                .with_schema_name("public")
                .map_err(table)?
                .with_table_name("session")
                .map_err(table)?;
            store.migrate().await?;
            SessionStore::Postgres(store)
        }
    })
}

#[async_trait::async_trait]
impl session_store::SessionStore for SessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            SessionStore::Sqlite(s) => s.create(record).await,
            SessionStore::Postgres(s) => s.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            SessionStore::Sqlite(s) => s.save(record).await,
            SessionStore::Postgres(s) => s.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            SessionStore::Sqlite(s) => s.load(id).await,
            SessionStore::Postgres(s) => s.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            SessionStore::Sqlite(s) => s.delete(id).await,
            SessionStore::Postgres(s) => s.delete(id).await,
        }
    }
}

#[async_trait::async_trait]
impl ExpiredDeletion for SessionStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        match self {
            SessionStore::Sqlite(s) => s.delete_expired().await,
            SessionStore::Postgres(s) => s.delete_expired().await,
        }
    }
}

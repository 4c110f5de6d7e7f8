-- An admin's list of deleted threads (to restore one) without a walk over every thread.
CREATE INDEX threads_deleted ON threads (id) WHERE deleted;

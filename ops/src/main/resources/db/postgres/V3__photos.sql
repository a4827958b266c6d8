-- Photos uploaded in the hub (a case's report or resolution): kept by the hub, served within scope.
CREATE TABLE work_photo (
  id           VARCHAR(40) PRIMARY KEY,
  building     VARCHAR(64) NOT NULL,
  content_type VARCHAR(40) NOT NULL,
  bytes        BYTEA NOT NULL,
  uploaded_by  VARCHAR(100) NOT NULL,
  uploaded_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

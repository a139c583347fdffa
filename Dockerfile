# Gatekeeper Studio: build with Maven, run on a JRE as a non-root user.
#   docker build -t gatekeeper-studio .
#   docker run -p 8080:8080 gatekeeper-studio

FROM maven:3-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# The same package command as the README's ./studio.
RUN mvn -B -DskipTests package -pl backend -am

FROM eclipse-temurin:17-jre
# curl for the HEALTHCHECK; the base image does not promise one.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin studio
WORKDIR /app
COPY --from=build --chown=studio:studio /src/backend/target/quarkus-app/ /app/
USER studio
# The Studio binds 127.0.0.1 unless told otherwise; inside a container it must listen on the container's interface.
ENV QUARKUS_HTTP_HOST=0.0.0.0
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD curl -fsS http://localhost:8080/q/health || exit 1
# Exit on OutOfMemoryError (the container restarts) rather than run on with dead threads.
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/quarkus-run.jar"]

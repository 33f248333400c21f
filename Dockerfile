FROM node:20-bookworm-slim
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# npm start migrates, loads reference data, applies the search index settings, builds and serves.
EXPOSE 3000
CMD ["npm", "start"]

# CareerLens image: one image, the role is the command (api | worker | scheduler | migrate).
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
# postinstall patches postgres.js (see the script)
COPY scripts/patch-postgres.mjs scripts/
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
USER node
ENTRYPOINT ["node", "bin/careerlens.js"]
CMD ["api"]
